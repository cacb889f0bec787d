//! A cursor over a list drawn a window at a time: selection, scroll offset, paging.

use super::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
    /// Rows that fit on screen, from the last layout.
    pub height: usize,
}

impl ListCursor {
    pub fn set_height(&mut self, height: usize, len: usize) {
        self.height = height.max(1);
        self.clamp(len);
    }

    /// Keeps selection and window inside the list and the selection inside the window.
    pub fn clamp(&mut self, len: usize) {
        if len == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.min(len - 1);
        let h = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(len.saturating_sub(h));
    }

    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index;
        self.clamp(len);
    }

    /// Moves for a navigation action; other actions are ignored.
    pub fn apply(&mut self, action: Action, len: usize) {
        let page = self.height.max(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(len.saturating_sub(1)),
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => {
                self.offset += page;
                (self.selected + page).min(len.saturating_sub(1))
            }
            Action::PageUp => {
                self.offset = self.offset.saturating_sub(page);
                self.selected.saturating_sub(page)
            }
            Action::Top => 0,
            Action::Bottom => len.saturating_sub(1),
            _ => self.selected,
        };
        self.clamp(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_keeps_the_selection_in_the_window() {
        let mut c = ListCursor::default();
        c.set_height(10, 100);
        c.apply(Action::PageDown, 100);
        assert_eq!((c.selected, c.offset), (10, 10));
        c.apply(Action::Bottom, 100);
        assert_eq!((c.selected, c.offset), (99, 90));
        c.apply(Action::Up, 100);
        assert_eq!((c.selected, c.offset), (98, 90));
        c.apply(Action::Top, 100);
        assert_eq!((c.selected, c.offset), (0, 0));
        c.apply(Action::Down, 0);
        assert_eq!((c.selected, c.offset), (0, 0));
    }
}
