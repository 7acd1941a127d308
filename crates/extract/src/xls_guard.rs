//! A look at an XLS workbook's records before calamine opens it.
//!
//! calamine builds every sheet of an `.xls` when it opens the file, as a
//! dense grid spanning the sheet's lowest to highest cell: one stray cell
//! record at row 65535, column 65535 (84 KB of damaged file) makes it fill
//! 137 GB, and a DIMENSIONS record with its ends swapped makes it reserve
//! terabytes; either aborts the process, which no `catch_unwind` can stop.
//! A sector chain that loops makes it read the same sectors forever. So the
//! compound file is walked here the way calamine walks it (header, DIFAT,
//! FAT, directory, the `Workbook` stream), the sheets' records are scanned
//! the way calamine scans them, and a workbook calamine could not open
//! within bounds is refused by name, before calamine sees it.
//!
//! Anything this walk cannot follow (a sector past the end, a record cut
//! short) is left to calamine, whose errors are clear and whose panics are
//! caught: only what would exhaust memory or never end is decided here.

use crate::MAX_SHEET_CELLS;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The most cells an `.xls` sheet can have: 65536 rows × 256 columns.
const MAX_XLS_GRID: u64 = 65_536 * 256;

/// Why a workbook is refused (the message completes "cannot read it as …: ").
pub(crate) fn refuse(bytes: &[u8]) -> Option<String> {
    let stream = match workbook_stream(bytes) {
        Ok(Some(s)) => s,
        Ok(None) => return None,
        Err(reason) => return Some(reason),
    };
    scan_sheets(&stream)
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Sector `id` of a compound file (sector 0 follows the header); `None`
/// past the end of the file.
fn sector(bytes: &[u8], size: usize, id: u32) -> Option<&[u8]> {
    let start = (id as usize).checked_add(1)?.checked_mul(size)?;
    let s = bytes.get(start..)?;
    if s.is_empty() {
        return None;
    }
    Some(&s[..s.len().min(size)])
}

const LOOPS: &str = "the file is damaged: a sector chain loops";

/// Follow a chain of sectors (of `size` bytes, read by `get`) through `fat`
/// up to `len` bytes. `Err` when the chain loops; a chain that leaves the
/// file or the table is cut there (calamine reports it).
fn chain<'a>(
    get: impl Fn(u32) -> Option<&'a [u8]>,
    fat: &[u32],
    start: u32,
    len: usize,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut seen = vec![false; fat.len()];
    let mut id = start;
    while id != ENDOFCHAIN && out.len() < len {
        let Some(s) = get(id) else { break };
        let take = s.len().min(len - out.len());
        out.extend_from_slice(&s[..take]);
        if out.len() >= len {
            break;
        }
        let Some(next) = fat.get(id as usize) else {
            break;
        };
        if std::mem::replace(&mut seen[id as usize], true) {
            return Err(LOOPS.to_string());
        }
        id = *next;
    }
    Ok(out)
}

/// The `Workbook` (or `Book`) stream, found as calamine finds it; `Ok(None)`
/// when the file is not a compound file this walk can follow.
fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(header) = bytes.get(..512) else {
        return Ok(None);
    };
    let size: usize = match u16_at(header, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(None),
    };
    if u16_at(header, 32) != Some(6) {
        return Ok(None);
    }
    let field = |i| u32_at(header, i).unwrap_or(0);
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (field(48), field(60), field(64) as usize, field(68));
    let maxid = bytes.len() / size;

    // DIFAT: the header's 109 entries, then a chain whose last entry in each
    // sector is the next sector.
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut id = difat_start;
    let mut steps = 0usize;
    while id < DIFSECT {
        steps += 1;
        if steps > maxid + 1 {
            return Err(LOOPS.to_string());
        }
        let Some(s) = sector(bytes, size, id) else {
            return Ok(None);
        };
        difat.extend(u32s(s));
        let Some(next) = difat.pop() else {
            return Ok(None);
        };
        id = next;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        let Some(s) = sector(bytes, size, id) else {
            return Ok(None);
        };
        fat.extend(u32s(s));
        if fat.len() > 4 * (maxid + 1) * size {
            // Far more FAT sectors than the file has sectors: listed over
            // and over.
            return Err(
                "the file is damaged: its sector table is larger than the file".to_string(),
            );
        }
    }
    let get = |id| sector(bytes, size, id);
    let dirs = chain(get, &fat, dir_start, usize::MAX)?;
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            let start = u32_at(e, 116).unwrap_or(0);
            let len = if size == 512 {
                u32_at(e, 120).unwrap_or(0) as usize
            } else {
                u32_at(e, 120).unwrap_or(0) as usize | (u32_at(e, 124).unwrap_or(0) as usize) << 32
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    let find = |n: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(n));
    let Some(book) = find("Workbook").or_else(|| find("Book")) else {
        return Ok(None);
    };
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = chain(get, &fat, root.1, root.2)?;
        let table = chain(get, &fat, mini_fat_start, mini_fat_len.saturating_mul(size))?;
        (u32s(&table).collect::<Vec<_>>(), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let stream = if book.2 < 4096 {
        let get = |id: u32| {
            let start = (id as usize).checked_mul(64)?;
            let s = mini_stream.get(start..)?;
            (!s.is_empty()).then(|| &s[..s.len().min(64)])
        };
        chain(get, &mini_fat, book.1, book.2)?
    } else {
        chain(get, &fat, book.1, book.2)?
    };
    Ok(Some(stream))
}

/// The records of a BIFF stream from `at`, as calamine frames them (a
/// CONTINUE record is a record of its own type here, which no scan below
/// looks at); stops where a record is cut short.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(at..).unwrap_or_default();
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// The first refusal among the sheets of a workbook stream.
fn scan_sheets(stream: &[u8]) -> Option<String> {
    let mut sheets = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            0x0085 => sheets.extend(u32_at(data, 0).map(|p| p as usize)),
            0x000A => break,
            _ => {}
        }
    }
    sheets.into_iter().find_map(|at| scan_sheet(stream, at))
}

/// One sheet's records from its BOF: the span of its cells (the grid
/// calamine fills) and the size its DIMENSIONS record claims (what calamine
/// reserves).
fn scan_sheet(stream: &[u8], at: usize) -> Option<String> {
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let mut add = |row: u32, col: u32| {
        let s = span.get_or_insert((row, row, col, col));
        *s = (s.0.min(row), s.1.max(row), s.2.min(col), s.3.max(col));
    };
    let mut formula_at = (0u32, 0u32);
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, d) in records(stream, at) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let pos = || Some((u16_at(d, 0)? as u32, u16_at(d, 2)? as u32));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let (rf, rl, mut cf, cl) = match d.len() {
                    10 => (
                        u16_at(d, 0)? as u32,
                        u16_at(d, 2)? as u32,
                        u16_at(d, 4)? as u32,
                        u16_at(d, 6)? as u32,
                    ),
                    14 | 16 => (
                        u32_at(d, 0)?,
                        u32_at(d, 4)?,
                        u16_at(d, 8)? as u32,
                        u16_at(d, 10)? as u32,
                    ),
                    _ => continue,
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (end_r, end_c) = if rl >= 1 && cl >= 1 {
                    (rl - 1, cl - 1)
                } else {
                    (rf, cf)
                };
                let rows = end_r.wrapping_sub(rf).wrapping_add(1) as u64;
                let cols = end_c.wrapping_sub(cf).wrapping_add(1) as u64;
                if rows * cols > MAX_XLS_GRID {
                    return Some(format!(
                        "the file is damaged: a sheet's DIMENSIONS record claims {rows} rows × {cols} columns, more than an .xls sheet can have"
                    ));
                }
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let Some((r, c)) = pos() {
                    add(r, c);
                }
            }
            0x0006 if d.len() >= 20 => {
                if let Some((r, c)) = pos() {
                    formula_at = (r, c);
                    add(r, c);
                }
            }
            0x0207 => add(formula_at.0, formula_at.1),
            0x00BD if d.len() > 6 => {
                // calamine gives one cell per 6 bytes between the first
                // column and the last-column field.
                let row = u16_at(d, 0)? as u32;
                let first = u16_at(d, 2)? as u32;
                let n = (d.len() - 6).div_ceil(6) as u32;
                add(row, first);
                add(row, first + n - 1);
            }
            _ => {}
        }
    }
    let (r0, r1, c0, c1) = span?;
    let (rows, cols) = ((r1 - r0) as u64 + 1, (c1 - c0) as u64 + 1);
    (rows * cols > MAX_SHEET_CELLS).then(|| {
        format!(
            "a sheet's cells span {rows} rows × {cols} columns, more than the {MAX_SHEET_CELLS} cells a disclosure can have"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yusuan_core::model::SourceFormat;

    /// A minimal compound file: header, one FAT sector (sector 0), one
    /// directory sector (sector 1, root and `Workbook`), and the stream in
    /// regular sectors from sector 2 (it is at least 4096 bytes, padded).
    pub(crate) fn xls(stream: &[u8]) -> Vec<u8> {
        let mut stream = stream.to_vec();
        stream.resize(stream.len().max(4096), 0);
        let n = stream.len().div_ceil(512) as u32;
        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(&crate::detect::CFB_MAGIC);
        h[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        h[26..28].copy_from_slice(&3u16.to_le_bytes());
        h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        h[30..32].copy_from_slice(&9u16.to_le_bytes());
        h[32..34].copy_from_slice(&6u16.to_le_bytes());
        h[44..48].copy_from_slice(&1u32.to_le_bytes());
        h[48..52].copy_from_slice(&1u32.to_le_bytes());
        h[56..60].copy_from_slice(&4096u32.to_le_bytes());
        h[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        h[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            h[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let mut fat = vec![0xFFFF_FFFFu32; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = ENDOFCHAIN;
        for i in 0..n {
            fat[2 + i as usize] = if i + 1 == n { ENDOFCHAIN } else { 3 + i };
        }
        let mut dir = vec![0u8; 512];
        let entry = |d: &mut [u8], name: &str, typ: u8, start: u32, len: u32| {
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                d[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            d[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            d[66] = typ;
            d[68..80].copy_from_slice(&[0xFF; 12]);
            d[116..120].copy_from_slice(&start.to_le_bytes());
            d[120..124].copy_from_slice(&len.to_le_bytes());
        };
        entry(&mut dir[..128], "Root Entry", 5, ENDOFCHAIN, 0);
        entry(&mut dir[128..256], "Workbook", 2, 2, stream.len() as u32);
        dir[0x4C..0x50].copy_from_slice(&1u32.to_le_bytes());
        let mut out = h;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(dir);
        out.extend(&stream);
        out.resize(512 * (3 + n as usize), 0);
        out
    }

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A workbook stream: globals (BOF, one BOUNDSHEET, EOF), then one sheet
    /// (BOF, `cells`, EOF).
    pub(crate) fn book(cells: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let eof = record(0x000A, &[]);
        // BOUNDSHEET: the sheet's offset, state, type, name (1 byte, 8-bit).
        let sheet_at = (bof.len() + 4 + 9 + eof.len()) as u32;
        let mut b = bof.clone();
        let mut bs = sheet_at.to_le_bytes().to_vec();
        bs.extend([0, 0, 1, 0, b'S']);
        b.extend(record(0x0085, &bs));
        b.extend(&eof);
        assert_eq!(b.len() as u32, sheet_at);
        b.extend(bof);
        for c in cells {
            b.extend(c);
        }
        b.extend(eof);
        b
    }

    pub(crate) fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0, 0]);
        d.extend(1.0f64.to_le_bytes());
        record(0x0203, &d)
    }

    #[test]
    fn a_tight_sheet_passes() {
        let f = xls(&book(&[number(0, 0), number(3, 2)]));
        assert_eq!(refuse(&f), None);
        // calamine reads the same file: the walk above is its walk.
        let read = crate::sheet::extract_sheets(&f, "t.xls", SourceFormat::Xls).unwrap();
        assert_eq!(read.lines.len(), 4);
        assert_eq!(read.lines[3].text, "\t\t1");
    }

    /// Found by `cargo fuzz run read_sheet` (fuzz/README.md): a workbook
    /// with a stray cell record far from the others made calamine fill a
    /// 65536 × 65536 grid as it opened the file, and the process died for
    /// want of memory. It is now refused, naming the span.
    #[test]
    fn a_stray_far_cell_is_an_error_not_an_abort() {
        let f = xls(&book(&[number(0, 0), number(65535, 65535)]));
        let err = crate::extract(&f, "t.xls").unwrap_err().to_string();
        assert!(err.starts_with("t.xls: cannot read it as an Excel 97–2003 workbook (.xls): a sheet's cells span 65536 rows × 65536 columns"), "{err}");
    }

    #[test]
    fn a_stray_far_cell_is_refused() {
        let f = xls(&book(&[number(0, 0), number(65535, 65535)]));
        let why = refuse(&f).expect("refused");
        assert!(why.contains("65536 rows × 65536 columns"), "{why}");
    }

    #[test]
    fn swapped_dimensions_are_refused() {
        let mut d = 5u32.to_le_bytes().to_vec();
        d.extend(1u32.to_le_bytes());
        d.extend([0, 0, 1, 0, 0, 0]);
        let f = xls(&book(&[record(0x0200, &d)]));
        let why = refuse(&f).expect("refused");
        assert!(why.contains("DIMENSIONS"), "{why}");
    }

    #[test]
    fn a_looping_chain_is_refused() {
        let mut f = xls(&book(&[number(0, 0)]));
        // The Workbook stream's first sector (2) points back at itself.
        let at = 512 + 4 * 2;
        f[at..at + 4].copy_from_slice(&2u32.to_le_bytes());
        assert_eq!(refuse(&f).as_deref(), Some(LOOPS));
    }
}
