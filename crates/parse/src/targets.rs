//! Performance-target tables (绩效目标申报表) into structured form.

use crate::lines::Line;
use yusuan_core::finding::Finding;
use yusuan_core::model::{DepartmentTarget, PerformanceTarget};

/// A target table read.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// 项目支出绩效目标申报表.
    Project(Box<PerformanceTarget>),
    /// 部门（单位）整体支出绩效目标申报表.
    Department(Box<DepartmentTarget>),
}

/// Read one target table: `block` starts with its title line and runs to the
/// next title or section heading.
pub fn read_target(block: &[Line], findings: &mut Vec<Finding>) -> Option<Target> {
    let _ = (block, findings);
    None
}
