//! The disclosure model: a published 部门预算公开 (or 决算公开) as typed data
//! that remembers where every figure came from.
//!
//! Readers fill it from a document, the maker fills it from budget facts, the
//! checker reads it; its JSON Schema is committed under `docs/schema/`.

pub mod disclosure;
pub mod org;
pub mod prose;
pub mod provenance;
pub mod table;
pub mod target;
pub mod tidy;

pub use disclosure::{
    Assets, Disclosure, DocKind, GlossaryEntry, Level, Metadata, OutlineEntry, Overview, Part,
    Procurement,
};
pub use org::UnitKind;
pub use prose::{
    CellRef, Claim, ClaimKind, Direction, EnumeratedItem, Paragraph, ProseSection, SectionKind,
};
pub use provenance::{Provenance, SourceFile, SourceFormat};
pub use table::{Cell, Column, Row, RowKind, Side, Table, TableKind};
pub use target::{
    Comparator, DepartmentTarget, FundsBySource, Indicator, IndicatorGroup, IndicatorTree,
    PerformanceTarget, ProjectAttribute, TargetValue,
};
pub use tidy::{table_facts, Fact};

/// The JSON Schema of [`Disclosure`], as committed under `docs/schema/`.
pub fn disclosure_schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(Disclosure)
}
