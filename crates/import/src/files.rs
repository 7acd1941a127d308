//! Which files of the paths given are documents to read.

use std::path::{Path, PathBuf};

/// The extensions read when walking a directory. A file named on the
/// command line is read whatever its name.
pub const DOCUMENT_EXTENSIONS: [&str; 8] =
    ["txt", "pdf", "xlsx", "xls", "docx", "doc", "html", "htm"];

fn is_document(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Every document under `paths`: files as given, directories walked
/// recursively in name order (hidden entries skipped).
pub fn documents(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if e.is_dir() {
                walk(&e, out);
            } else if is_document(&e) {
                out.push(e);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_documents_only() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("2024");
        std::fs::create_dir(&sub).unwrap();
        for name in ["a.txt", "b.PDF", "c.xlsx", "notes.md", ".hidden.txt"] {
            std::fs::write(sub.join(name), "x").unwrap();
        }
        let found = documents(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.PDF", "c.xlsx"]);
        let named = documents(&[sub.join("notes.md")]);
        assert_eq!(named.len(), 1, "a file named is read whatever its name");
    }
}
