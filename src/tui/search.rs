//! What `/` matches: a person's name (also by pinyin initials and full pinyin, so `zw` and
//! `zhangwei` find 张伟), 工号 and department, case-insensitively; and the matches of a
//! list counted, so the prompt can say "match 2/5".

use std::collections::HashMap;

use pinyin::ToPinyin;

/// The searchable text of one row.
pub struct Row<'a> {
    pub name: &'a str,
    pub id: &'a str,
    pub department: &'a str,
}

/// Pinyin of names, computed once per name.
#[derive(Debug, Default)]
pub struct Matcher {
    pinyin: HashMap<String, (String, String)>,
}

/// Whether `hay` contains `needle` (lowercase ASCII) ignoring ASCII case, without allocating.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

impl Matcher {
    /// (initials, full pinyin) of a name: 张伟 → ("zw", "zhangwei"); other characters
    /// are kept as they are, lowercased.
    fn pinyin_of(&mut self, name: &str) -> &(String, String) {
        if !self.pinyin.contains_key(name) {
            let mut initials = String::new();
            let mut full = String::new();
            for (c, p) in name.chars().zip(name.to_pinyin()) {
                match p {
                    Some(p) => {
                        initials.push_str(p.first_letter());
                        full.push_str(p.plain());
                    }
                    None if c.is_alphanumeric() => {
                        for l in c.to_lowercase() {
                            initials.push(l);
                            full.push(l);
                        }
                    }
                    None => {}
                }
            }
            self.pinyin.insert(name.to_string(), (initials, full));
        }
        &self.pinyin[name]
    }

    /// Whether `row` matches `query`.
    pub fn matches(&mut self, row: &Row<'_>, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        self.matches_lowered(row, &q)
    }

    /// `matches` with the query already trimmed and lowercased.
    fn matches_lowered(&mut self, row: &Row<'_>, q: &str) -> bool {
        if q.is_empty() {
            return false;
        }
        let ascii = q.is_ascii();
        let hit = |hay: &str| if ascii { contains_ascii_ci(hay, q) } else { hay.to_lowercase().contains(q) };
        if hit(row.name) || hit(row.id) || hit(row.department) {
            return true;
        }
        if !q.chars().all(|c| c.is_ascii_alphabetic()) || row.name.is_ascii() {
            return false;
        }
        let (initials, full) = self.pinyin_of(row.name);
        initials.starts_with(q) || full.starts_with(q)
    }

    /// The indices of the rows matching `query`, in order.
    pub fn all<'r>(&mut self, rows: impl Iterator<Item = Row<'r>>, query: &str) -> Vec<usize> {
        let q = query.trim().to_lowercase();
        rows.enumerate().filter(|(_, r)| self.matches_lowered(r, &q)).map(|(i, _)| i).collect()
    }
}

/// Where the cursor stands among the matches: the first match at or after `from`
/// (after it when `skip`), going forward or back, wrapping; and its place, 1-based.
pub fn step(matches: &[usize], from: usize, forward: bool, skip: bool) -> Option<(usize, usize)> {
    if matches.is_empty() {
        return None;
    }
    let pos = if forward {
        matches.iter().position(|&m| if skip { m > from } else { m >= from }).unwrap_or(0)
    } else {
        matches.iter().rposition(|&m| if skip { m < from } else { m <= from }).unwrap_or(matches.len() - 1)
    };
    Some((matches[pos], pos + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(name: &'a str) -> Row<'a> {
        Row { name, id: "E000001", department: "销售部" }
    }

    #[test]
    fn pinyin_initials_and_full_pinyin_find_chinese_names() {
        let mut m = Matcher::default();
        assert!(m.matches(&row("张伟"), "zw"));
        assert!(m.matches(&row("张伟"), "zhangwei"));
        assert!(m.matches(&row("张伟"), "ZhangW"));
        assert!(m.matches(&row("张伟"), "张"));
        assert!(!m.matches(&row("王芳"), "zw"));
        assert!(m.matches(&row("王芳"), "e000001"));
        assert!(m.matches(&row("王芳"), "销售"));
        assert!(!m.matches(&row("Alice Chen"), "ac"));
        assert!(m.matches(&row("Alice Chen"), "alice"));
    }

    #[test]
    fn stepping_through_matches_wraps_and_counts() {
        let ms = [2, 5, 9];
        assert_eq!(step(&ms, 0, true, false), Some((2, 1)));
        assert_eq!(step(&ms, 2, true, true), Some((5, 2)));
        assert_eq!(step(&ms, 9, true, true), Some((2, 1)));
        assert_eq!(step(&ms, 2, false, true), Some((9, 3)));
        assert_eq!(step(&[], 0, true, false), None);
    }
}
