//! Import mappings: how a foreign HR export's columns, values and dates become ours —
//! headers, templates joining columns, constants, value tables with a default, derived
//! percentiles and exit dates, and values taken only when another column says so.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::ImportKind;
use crate::domain::import_msg::ImportMsg;

/// A mapping file (TOML); every feature is shown in the README:
///
/// ```toml
/// [columns]                          # our column = their header, or a template
/// id = "Emp No"
/// name = "{First} {Last}"
/// completed_on = { from = "Date", when = { Result = ["Completed", "Passed"] } }
/// [constants]
/// year = "2025"
/// [values.rank]                      # matched ignoring case and surrounding spaces
/// "unit manager" = "室主任"
/// "*" = "普通员工"                    # everything else
/// [derive]
/// rank_pct = { percentile_of = "Rating", higher_is_better = true }
/// left_on = "Exit Date"              # employees: a date not after today → left
/// [dates]
/// formats = ["%m/%d/%Y"]
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub columns: BTreeMap<String, ColumnSpec>,
    #[serde(default)]
    pub constants: BTreeMap<String, String>,
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub derive: BTreeMap<String, Derive>,
    #[serde(default)]
    pub dates: DateFormats,
    /// The file's name, for messages ("MAP.toml"); empty without a mapping.
    #[serde(skip)]
    pub name: String,
}

/// Where one of our columns comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum ColumnSpec {
    /// A header, or a template joining headers: `"{First} {Last}"`.
    Header(String),
    /// A header's value, taken only on rows where each named column holds one of the
    /// listed values (ignoring case); blank elsewhere.
    When { from: String, when: BTreeMap<String, Vec<String>> },
}

/// A column computed from the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Derive {
    /// `left_on = "Exit Date"`.
    Header(String),
    /// The percentile of a numeric column among the file's rows (per year where the
    /// file has a year): 0 = the best.
    Percentile {
        percentile_of: String,
        #[serde(default = "yes")]
        higher_is_better: bool,
    },
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateFormats {
    /// strftime formats tried in order after ISO `%Y-%m-%d` and `%Y/%m/%d`.
    #[serde(default)]
    pub formats: Vec<String>,
}

/// The derived column of employees that marks leavers.
pub const LEFT_ON: &str = "left_on";

impl Mapping {
    /// Reads a mapping and checks that it names only columns of `kind`.
    pub fn load(path: &Path, kind: ImportKind) -> anyhow::Result<Mapping> {
        let text = super::limits::read_text(path, super::limits::MAX_SMALL_FILE)?;
        Mapping::parse(&text, path, kind)
    }

    /// Reads a mapping's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path, kind: ImportKind) -> anyhow::Result<Mapping> {
        let map = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        let refuse = |m: ImportMsg| anyhow::Error::from(crate::service::ServiceError::invalid(m));
        let mut mapping: Mapping = toml::from_str(text).map_err(|e| {
            refuse(ImportMsg::MapSyntax {
                map: path.display().to_string(),
                syntax: Box::new(crate::domain::policy_error::PolicyError::syntax(&e, text)),
            })
        })?;
        mapping.name = map.clone();
        let columns = kind.column_names();
        let named = mapping
            .columns
            .keys()
            .chain(mapping.values.keys())
            .chain(mapping.constants.keys())
            .chain(mapping.derive.keys());
        for column in named {
            if !columns.contains(&column.as_str()) {
                return Err(refuse(ImportMsg::MapUnknownColumn {
                    map,
                    column: column.clone(),
                    kind: kind.name().into(),
                    columns: columns.join(", "),
                }));
            }
        }
        for (column, derive) in &mapping.derive {
            let percentile = matches!(derive, Derive::Percentile { .. });
            if (column == LEFT_ON) == percentile {
                let want = if percentile {
                    "\"HEADER\""
                } else {
                    "{ percentile_of = \"HEADER\", higher_is_better = true }"
                };
                return Err(refuse(ImportMsg::MapDeriveShape {
                    map,
                    column: column.clone(),
                    want: want.into(),
                }));
            }
        }
        for column in mapping.columns.keys() {
            if mapping.constants.contains_key(column) || mapping.derive.contains_key(column) {
                return Err(refuse(ImportMsg::MapTwice { map, column: column.clone() }));
            }
        }
        for format in &mapping.dates.formats {
            if chrono::format::StrftimeItems::new(format).any(|i| matches!(i, chrono::format::Item::Error)) {
                return Err(refuse(ImportMsg::MapDateFormat { map, format: format.clone() }));
            }
        }
        for (column, table) in &mapping.values {
            for (key, ours) in table {
                if !ours.trim().is_empty() && !is_ours(column, ours.trim()) {
                    return Err(refuse(ImportMsg::MapBadTarget {
                        map,
                        column: column.clone(),
                        key: key.clone(),
                        value: ours.clone(),
                        allowed: vocabulary(column).unwrap_or_default().to_string(),
                    }));
                }
            }
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for key in table.keys() {
                if let Some(other) = seen.insert(normal(key), key) {
                    return Err(refuse(ImportMsg::MapSameKey {
                        map,
                        column: column.clone(),
                        first: other.to_string(),
                        second: key.clone(),
                    }));
                }
            }
        }
        Ok(mapping)
    }

    /// A foreign value translated into ours. A column without a table keeps its value; a
    /// blank cell stays blank; otherwise the table's entry (ignoring case and surrounding
    /// spaces), else its `"*"` default, else a problem naming the nearest key.
    pub fn value(&self, column: &str, raw: &str) -> Result<String, ImportMsg> {
        self.translate(column, raw).map(|(v, _)| v)
    }

    /// As `value`, with the table key that matched (`"*"` for the default).
    pub fn translate(&self, column: &str, raw: &str) -> Result<(String, Option<String>), ImportMsg> {
        let raw = raw.trim();
        let Some(table) = self.values.get(column) else { return Ok((raw.to_string(), None)) };
        if raw.is_empty() {
            return Ok((String::new(), None));
        }
        let wanted = normal(raw);
        if let Some((key, ours)) = table.iter().find(|(k, _)| normal(k) == wanted) {
            return Ok((ours.trim().to_string(), Some(key.clone())));
        }
        if let Some(default) = table.get("*") {
            return Ok((default.trim().to_string(), Some("*".into())));
        }
        let nearest = table
            .keys()
            .map(|k| (strsim::normalized_levenshtein(&normal(k), &wanted), k))
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k.clone());
        let mut keys: Vec<&str> = table.keys().map(String::as_str).take(8).collect();
        if table.len() > 8 {
            keys.push("…");
        }
        Err(ImportMsg::Unmapped {
            value: raw.to_string(),
            column: column.to_string(),
            map: if self.name.is_empty() { "MAP.toml".into() } else { self.name.clone() },
            keys: keys.join(", "),
            nearest,
        })
    }

    /// Every header the mapping reads (for the check that no column is left unread).
    pub fn headers_read(&self) -> Vec<String> {
        let mut out = Vec::new();
        for spec in self.columns.values() {
            match spec {
                ColumnSpec::Header(h) => out.extend(template_headers(h)),
                ColumnSpec::When { from, when } => {
                    out.push(from.clone());
                    out.extend(when.keys().cloned());
                }
            }
        }
        for derive in self.derive.values() {
            match derive {
                Derive::Header(h) => out.push(h.clone()),
                Derive::Percentile { percentile_of, .. } => out.push(percentile_of.clone()),
            }
        }
        out
    }
}

/// Our values of a column we translate, as a person reads them.
pub fn vocabulary(column: &str) -> Option<&'static str> {
    Some(match column {
        "rank" => "部门经理 / 室主任 / 普通员工",
        "status" => "active / left",
        "grade" => "S / A / B / C / D",
        "category" => "leadership / strategy / management / professional / general",
        "kind" => "360 / superior / theory",
        "relation" => "superior / peer / subordinate",
        "decision" => "accept / return",
        _ => return None,
    })
}

/// Whether `value` is already one of ours for `column` (always, for free-text columns).
pub fn is_ours(column: &str, value: &str) -> bool {
    use crate::domain::{assessment::RaterRelation, org, training::CourseCategory};
    match column {
        "rank" => org::Rank::parse(value).is_ok(),
        "status" => org::EmploymentStatus::parse(value).is_ok(),
        "grade" => org::Grade::parse(value).is_ok(),
        "category" => CourseCategory::parse(value).is_ok(),
        "relation" => RaterRelation::parse(value).is_ok(),
        "kind" => {
            ["360", "superior", "theory", "上级评价", "理论测试"].contains(&value.to_lowercase().as_str())
        }
        "decision" => ["accept", "accepted", "return", "returned", "通过", "退回"]
            .contains(&value.to_lowercase().as_str()),
        _ => true,
    }
}

/// A value as tables compare it: trimmed, lower case, inner spaces collapsed.
pub fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A part of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Header(String),
}

/// `"{First} {Last}"` → header First, text " ", header Last; a plain header is one part.
pub fn template(spec: &str) -> Vec<Part> {
    if !spec.contains('{') {
        return vec![Part::Header(spec.trim().to_string())];
    }
    let mut parts = Vec::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_string()));
        }
        parts.push(Part::Header(rest[open + 1..open + close].trim().to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    parts
}

fn template_headers(spec: &str) -> Vec<String> {
    template(spec)
        .into_iter()
        .filter_map(|p| match p {
            Part::Header(h) => Some(h),
            Part::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str, kind: ImportKind) -> Mapping {
        Mapping::parse(text, Path::new("MAP.toml"), kind).unwrap()
    }

    #[test]
    fn templates_join_headers_and_keep_the_text_between() {
        assert_eq!(
            template("{First} {Last}"),
            vec![Part::Header("First".into()), Part::Text(" ".into()), Part::Header("Last".into())]
        );
        assert_eq!(template("Emp No"), vec![Part::Header("Emp No".into())]);
    }

    #[test]
    fn value_tables_ignore_case_and_spaces_take_a_default_and_suggest_the_nearest() {
        let m = map("[values.rank]\n\"Unit Manager\" = \"室主任\"\n", ImportKind::Employees);
        assert_eq!(m.value("rank", "  unit   MANAGER ").unwrap(), "室主任");
        assert_eq!(m.value("rank", "").unwrap(), "");
        let err = m.value("rank", "Unit Managr").unwrap_err();
        let ImportMsg::Unmapped { nearest, keys, .. } = err else { panic!() };
        assert_eq!(nearest.as_deref(), Some("Unit Manager"));
        assert_eq!(keys, "Unit Manager");
        let m = map(
            "[values.rank]\n\"Unit Manager\" = \"室主任\"\n\"*\" = \"普通员工\"\n",
            ImportKind::Employees,
        );
        assert_eq!(m.value("rank", "Production Technician I").unwrap(), "普通员工");
    }

    #[test]
    fn a_mapping_names_only_our_columns_and_each_once() {
        let bad = |text: &str| Mapping::parse(text, Path::new("M.toml"), ImportKind::Performance).is_err();
        assert!(bad("[columns]\nrank = \"Title\"\n"));
        assert!(bad("[constants]\nyear = \"2025\"\n[columns]\nyear = \"Year\"\n"));
        assert!(bad("[derive]\nleft_on = \"Exit\"\n"));
        assert!(bad("[derive]\nrank_pct = \"Rating\"\n"));
        assert!(bad("[values.grade]\nA = \"A\"\na = \"B\"\n"));
        assert!(!bad("[derive]\nrank_pct = { percentile_of = \"Rating\" }\n[constants]\nyear = \"2025\"\n"));
        let m = map("[derive]\nleft_on = \"Exit Date\"\n", ImportKind::Employees);
        assert_eq!(m.headers_read(), vec!["Exit Date".to_string()]);
    }
}
