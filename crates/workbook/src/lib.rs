//! The budget workbook (预算编制工作簿).
