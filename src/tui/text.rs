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

/// Wraps `text` to lines of at most `width` cells by Unicode line breaking (UAX #14):
/// Chinese breaks between any two characters and a number or a Latin word stays whole,
/// so every line is as full as it can be. Each paragraph (`\n`) starts a new line.
///
/// ```
/// use cadre::tui::text::wrap;
/// assert_eq!(wrap("今年销售增长 12% 的目标已经完成", 12), vec!["今年销售增长", "12% 的目标已", "经完成"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .break_words(true);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end();
        if paragraph.is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(textwrap::wrap(paragraph, &options).into_iter().map(|l| l.trim_end().to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_paragraph_fills_every_line_but_the_last() {
        let text = "本季度我负责的华东区域销售增长 12% 的目标已经完成，组织了 30 分钟的复盘会，\
                    会上大家对客户分层和回款节奏提出了改进意见，下一步我会把 CRM 数据和周报结合起来跟踪。";
        for w in [20, 31, 40, 57] {
            let lines = wrap(text, w);
            let (last, full) = lines.split_last().unwrap();
            for l in full {
                // a line is short only when the next piece (a whole number or word) would not fit
                assert!(width(l) + 4 >= w, "{w}: '{l}' ({}) in {lines:?}", width(l));
                assert!(width(l) <= w);
            }
            assert!(width(last) <= w);
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn chinese_is_cut_by_cells_not_chars() {
        assert_eq!(truncate("欧阳娜仁托娅", 8), "欧阳娜..");
        assert_eq!(width(&truncate("欧阳娜仁托娅", 7)), 6);
        assert_eq!(fit("王芳", 6), "王芳  ");
        assert_eq!(width(&fit("欧阳娜仁托娅·巴特尔", 10)), 10);
        assert_eq!(fit("abc", 2), "..");
    }
}
