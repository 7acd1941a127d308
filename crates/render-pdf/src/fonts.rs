//! 字体 the CJK fonts a disclosure is typeset in, loaded once and shared.
//!
//! A disclosure is Chinese text from cover to 名词解释, so it needs a font
//! covering the CJK ideographs; the Debian package `fonts-noto-cjk` ships
//! Noto Serif CJK (宋体-like, for the body) and Noto Sans CJK (黑体-like, for
//! headings) as TrueType collections of 20–27 MB each. Only the files the
//! document uses are read (正文 regular and bold, 标题 bold), once, into
//! [`Bytes`] that the faces point into, and of each collection only the
//! Simplified Chinese (SC) face is kept, so one [`Fonts`] serves any number
//! of documents without touching the disk again.

use crate::PdfError;
use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontFlags, FontInfo};
use typst::utils::LazyHash;

/// The environment variable naming a directory with CJK fonts, searched
/// before the usual system places.
pub const FONT_DIR_VAR: &str = "YUSUAN_FONT_DIR";

/// Where distributions install fonts; each is searched with its immediate
/// subdirectories (Debian's `opentype/noto`, Arch's `noto-cjk`, Fedora's
/// `google-noto-serif-cjk-fonts`, `truetype/wqy`).
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/fonts/opentype",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
];

/// The files of each role, best first. 正文 (body): a serif (宋体), else any
/// CJK face; 正文加粗 (bold body, for totals); 标题 (headings): a bold sans
/// (黑体), else a regular one.
const BODY: &[&str] = &[
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJKsc-Regular.otf",
    "NotoSerifSC-Regular.otf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "uming.ttc",
    "DroidSansFallbackFull.ttf",
];
const BODY_BOLD: &[&str] = &[
    "NotoSerifCJK-Bold.ttc",
    "NotoSerifCJKsc-Bold.otf",
    "NotoSerifSC-Bold.otf",
];
const HEADING: &[&str] = &[
    "NotoSansCJK-Bold.ttc",
    "NotoSansCJKsc-Bold.otf",
    "NotoSansSC-Bold.otf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
];

/// Noto CJK collections hold their faces in the order JP, KR, SC, TC, HK:
/// the SC face is tried at this index before every face is parsed.
const NOTO_SC_INDEX: u32 = 2;

/// Characters every disclosure prints: a font lacking them would print
/// 豆腐块 (tofu boxes) in place of the department's name and the unit.
const REQUIRED: &[char] = &['部', '门', '预', '算', '万', '元', '：', '（'];

/// The CJK fonts of a disclosure (正文宋体 and 标题黑体), loaded once.
///
/// Cloning is cheap: the font data is shared.
#[derive(Clone)]
pub struct Fonts {
    pub(crate) faces: Vec<Font>,
    pub(crate) book: LazyHash<FontBook>,
    /// The family of the body text (a serif where there is one).
    pub(crate) body: String,
    /// The family of headings (a sans where there is one, else the body's).
    pub(crate) heading: String,
    /// The files the faces were read from.
    files: Vec<PathBuf>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("body", &self.body)
            .field("heading", &self.heading)
            .field("faces", &self.faces.len())
            .field("files", &self.files)
            .finish()
    }
}

impl Fonts {
    /// Find the CJK fonts of the system: first in the directory named by
    /// `YUSUAN_FONT_DIR`, then where `fonts-noto-cjk` and other packages
    /// install them.
    ///
    /// When none is found, the error says to install `fonts-noto-cjk` or
    /// set `YUSUAN_FONT_DIR`.
    pub fn system() -> Result<Fonts, PdfError> {
        let mut dirs: Vec<PathBuf> = Vec::new();
        if let Some(dir) = std::env::var_os(FONT_DIR_VAR).filter(|d| !d.is_empty()) {
            dirs.push(PathBuf::from(dir));
        }
        dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
        Fonts::search(&dirs)
    }

    /// The CJK fonts of one directory (and its immediate subdirectories),
    /// without looking anywhere else.
    pub fn from_dir(dir: &Path) -> Result<Fonts, PdfError> {
        Fonts::search(&[dir.to_path_buf()])
    }

    /// Each role's best file across the directories, in their order.
    fn search(dirs: &[PathBuf]) -> Result<Fonts, PdfError> {
        let dirs = with_subdirs(dirs);
        let mut files: Vec<PathBuf> = Vec::new();
        for role in [BODY, BODY_BOLD, HEADING] {
            let found = role
                .iter()
                .find_map(|name| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()));
            if let Some(p) = found.filter(|p| !files.contains(p)) {
                files.push(p);
            }
        }
        if files.is_empty() {
            return Err(PdfError::NoFont);
        }
        Fonts::from_paths(&files)
    }

    /// Load the given font files (`.ttc`, `.otf`, `.ttf`). Of a collection
    /// with Simplified Chinese faces only those are kept (the JP, KR, TC and
    /// HK faces of Noto CJK draw the same characters differently and would
    /// only cost time and memory); at least one face must cover Chinese.
    pub fn from_paths(paths: &[PathBuf]) -> Result<Fonts, PdfError> {
        let mut faces: Vec<Font> = Vec::new();
        let mut files = Vec::new();
        for path in paths {
            let data = std::fs::read(path).map_err(|source| PdfError::FontFile {
                path: path.clone(),
                source,
            })?;
            let found = faces_of(Bytes::new(data));
            if found.is_empty() {
                return Err(PdfError::NotAFont { path: path.clone() });
            }
            faces.extend(found);
            files.push(path.clone());
        }
        // Only faces that can print a disclosure's text may be chosen as the
        // body or heading family; others stay as fallbacks (Latin fonts).
        let cjk = |f: &&Font| covers_cjk(f.info());
        let body = faces
            .iter()
            .filter(cjk)
            .find(|f| is_serif(f.info()))
            .or_else(|| faces.iter().find(cjk))
            .map(|f| f.info().family.clone())
            .ok_or(PdfError::NoFont)?;
        let heading = faces
            .iter()
            .filter(cjk)
            .find(|f| !is_serif(f.info()))
            .map(|f| f.info().family.clone())
            .unwrap_or_else(|| body.clone());
        let book = LazyHash::new(FontBook::from_fonts(&faces));
        Ok(Fonts {
            faces,
            book,
            body,
            heading,
            files,
        })
    }

    /// The family the body is set in (`Noto Serif CJK SC`).
    pub fn body_family(&self) -> &str {
        &self.body
    }

    /// The family headings are set in (`Noto Sans CJK SC`).
    pub fn heading_family(&self) -> &str {
        &self.heading
    }

    /// The font files the faces were read from.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// The faces of a font file worth keeping: the SC faces of a collection
/// that has them, else all. Parsing a face reads its whole character map,
/// so the usual SC face of Noto CJK is tried alone first.
fn faces_of(data: Bytes) -> Vec<Font> {
    if let Some(f) = Font::new(data.clone(), NOTO_SC_INDEX) {
        if is_simplified_chinese(f.info()) {
            return vec![f];
        }
    }
    let all: Vec<Font> = Font::iter(data).collect();
    let chinese: Vec<Font> = all
        .iter()
        .filter(|f| is_simplified_chinese(f.info()))
        .cloned()
        .collect();
    if chinese.is_empty() {
        all
    } else {
        chinese
    }
}

/// The directories and their immediate subdirectories, each directory
/// before its subdirectories, subdirectories in name order.
fn with_subdirs(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        out.push(dir.clone());
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut subdirs: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            subdirs.sort();
            out.extend(subdirs);
        }
    }
    out
}

/// A Simplified Chinese face (`Noto Serif CJK SC`), not its monospaced
/// sibling, which no part of a disclosure is set in.
fn is_simplified_chinese(info: &FontInfo) -> bool {
    let family = info.family.as_str();
    (family.ends_with(" SC") || family.contains(" SC ")) && !family.contains("Mono")
}

fn covers_cjk(info: &FontInfo) -> bool {
    REQUIRED.iter().all(|c| info.coverage.contains(*c as u32))
}

/// Serif (宋体/明体) or not: by the family name first, since CJK fonts rarely
/// set the flags Latin fonts use.
fn is_serif(info: &FontInfo) -> bool {
    let family = info.family.to_lowercase();
    if family.contains("sans") || family.contains("hei") || family.contains("gothic") {
        return false;
    }
    family.contains("serif")
        || family.contains("song")
        || family.contains("ming")
        || family.contains("fangsong")
        || info.flags.contains(FontFlags::SERIF)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The system's fonts (`fonts-noto-cjk`) are found and only the three
    /// files the document uses are read.
    #[test]
    fn system_fonts_are_three_noto_files() {
        let f = Fonts::system().expect("fonts-noto-cjk is installed");
        let names: Vec<String> = f
            .files()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "NotoSerifCJK-Regular.ttc",
                "NotoSerifCJK-Bold.ttc",
                "NotoSansCJK-Bold.ttc"
            ]
        );
        let families: Vec<&str> = f.faces.iter().map(|f| f.info().family.as_str()).collect();
        assert_eq!(
            families,
            ["Noto Serif CJK SC", "Noto Serif CJK SC", "Noto Sans CJK SC"]
        );
    }

    /// A directory with only the sans still typesets, in the sans.
    #[test]
    fn a_directory_with_one_font_serves_body_and_headings() {
        let dir = std::env::temp_dir().join(format!("yusuan-fonts-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("noto")).unwrap();
        let target = dir.join("noto").join("NotoSansCJK-Regular.ttc");
        if !target.exists() {
            std::os::unix::fs::symlink(
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                &target,
            )
            .unwrap();
        }
        let f = Fonts::from_dir(&dir).expect("the sans is found in a subdirectory");
        assert_eq!(f.body_family(), "Noto Sans CJK SC");
        assert_eq!(f.heading_family(), "Noto Sans CJK SC");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
