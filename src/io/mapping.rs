//! Import mappings: foreign column names, value vocabularies and date formats, because
//! HR exports from other systems never share our headers.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::ImportKind;

/// A mapping file (TOML):
///
/// ```toml
/// [columns]            # our column = their header
/// id = "工号"
/// hire_date = "入职日期"
/// [values.grade]       # per our column: their value = our value
/// Exceeds = "A"
/// [dates]
/// formats = ["%Y/%m/%d", "%d.%m.%Y"]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub dates: DateFormats,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateFormats {
    /// strftime formats tried in order after ISO `%Y-%m-%d`.
    #[serde(default)]
    pub formats: Vec<String>,
}

impl Mapping {
    /// Reads a mapping and checks that it names only columns of `kind`.
    pub fn load(path: &Path, kind: ImportKind) -> anyhow::Result<Mapping> {
        let text = super::limits::read_text(path, super::limits::MAX_SMALL_FILE)?;
        Mapping::parse(&text, path, kind)
    }

    /// Reads a mapping's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path, kind: ImportKind) -> anyhow::Result<Mapping> {
        let mapping: Mapping = toml::from_str(text).map_err(|e| {
            anyhow::anyhow!("{}: {}", path.display(), crate::domain::policy::one_line(&e.to_string()))
        })?;
        let columns = kind.column_names();
        for column in mapping.columns.keys().chain(mapping.values.keys()) {
            if !columns.contains(&column.as_str()) {
                anyhow::bail!(
                    "{}: '{column}' is not a column of {} (columns: {})",
                    path.display(),
                    kind.name(),
                    columns.join(", ")
                );
            }
        }
        for format in &mapping.dates.formats {
            if chrono::format::StrftimeItems::new(format).any(|i| matches!(i, chrono::format::Item::Error)) {
                anyhow::bail!("{}: '{format}' is not a date format", path.display());
            }
        }
        Ok(mapping)
    }

    /// The header our column is read from.
    pub fn header_for<'a>(&'a self, column: &'a str) -> &'a str {
        self.columns.get(column).map_or(column, String::as_str)
    }

    /// A foreign value translated into ours (unchanged when the mapping has none).
    pub fn value<'a>(&'a self, column: &str, raw: &'a str) -> &'a str {
        self.values.get(column).and_then(|m| m.get(raw.trim())).map_or(raw, String::as_str)
    }
}
