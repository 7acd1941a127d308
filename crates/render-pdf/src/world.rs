//! The typst `World` of one disclosure: the generated markup as the only
//! source, the shared fonts, and nothing else.
//!
//! The document never reads a file, an image or a package: everything it
//! prints is inside the markup, so a disclosure typesets the same on any
//! machine with the same fonts and nothing it contains can reach the disk or
//! the network.

use crate::fonts::Fonts;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The standard library is built once per process: it is the same for
/// every document and costs more than a small document's layout.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One document's world.
pub(crate) struct DocWorld<'a> {
    fonts: &'a Fonts,
    main: Source,
}

impl<'a> DocWorld<'a> {
    pub(crate) fn new(markup: String, fonts: &'a Fonts) -> Self {
        DocWorld {
            fonts,
            main: Source::detached(markup),
        }
    }

    /// The 1-based line of the generated markup a diagnostic points at.
    pub(crate) fn line_of(&self, span: typst::syntax::DiagSpan) -> Option<usize> {
        use typst::WorldExt;
        let range = self.range(span)?;
        self.main.lines().byte_to_line(range.start).map(|l| l + 1)
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.faces.get(index).cloned()
    }

    /// No date: the document prints none, and a disclosure typeset twice
    /// must be the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
