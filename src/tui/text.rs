//! Display-width text helpers: CJK glyphs take two cells, so padding and truncation go
//! by `unicode-width`, never by `chars().count()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Marks a cut: ASCII, because terminals disagree on the width of `…`.
pub const CUT: &str = "..";

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `..` when something was cut.
///
/// ```
/// use cadre::tui::text::{truncate, width};
/// assert_eq!(truncate("欧阳娜仁托娅", 8), "欧阳娜..");
/// assert_eq!(width(&truncate("欧阳娜仁托娅", 7)), 6);
/// ```
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max <= CUT.len() {
        return ".".repeat(max);
    }
    let budget = max - CUT.len();
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(CUT);
    out
}

/// Truncates, then pads with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut t = truncate(s, cells);
    let pad = cells.saturating_sub(width(&t));
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_cut_by_cells_not_chars() {
        assert_eq!(truncate("欧阳娜仁托娅", 8), "欧阳娜..");
        assert_eq!(width(&truncate("欧阳娜仁托娅", 7)), 6);
        assert_eq!(fit("王芳", 6), "王芳  ");
        assert_eq!(width(&fit("欧阳娜仁托娅·巴特尔", 10)), 10);
        assert_eq!(fit("abc", 2), "..");
    }
}
