//! Numbered pages of a long list (`index.html`, `page-2.html`, …): static files
//! that work without JavaScript, each holding at most a fixed number of rows, so
//! no page grows with the list. Used by the hub's organisation index; any index
//! of the site can use it.

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    /// How many pages the list has (at least 1).
    pub count: usize,
    /// The rows of the list on this page.
    pub rows: std::ops::Range<usize>,
}

/// Page `number` (1-based, clamped to the pages there are) of a list of `len` rows,
/// `per_page` each.
pub fn page(len: usize, per_page: usize, number: usize) -> Page {
    let per_page = per_page.max(1);
    let count = len.div_ceil(per_page).max(1);
    let number = number.clamp(1, count);
    Page {
        number,
        count,
        rows: ((number - 1) * per_page).min(len)..(number * per_page).min(len),
    }
}

/// The pages of a list of `len` rows, `per_page` each (at least one page, even
/// for an empty list).
pub fn pages(len: usize, per_page: usize) -> Vec<Page> {
    let count = page(len, per_page, 1).count;
    (1..=count).map(|n| page(len, per_page, n)).collect()
}

/// The file name of page `number` in its folder: `index.html` for the first.
pub fn file_name(number: usize) -> String {
    if number <= 1 {
        "index.html".to_string()
    } else {
        format!("page-{number}.html")
    }
}

/// The numbers a page's navigation shows: the first, the last, and the pages
/// within two of `current`, with `None` for a gap.
pub fn window(current: usize, count: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=count {
        if n == 1 || n == count || n.abs_diff(current) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_once() {
        let p = pages(250, 100);
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].rows, 200..250);
        assert_eq!(pages(0, 100).len(), 1);
        assert_eq!(file_name(1), "index.html");
        assert_eq!(file_name(3), "page-3.html");
        assert_eq!(
            window(5, 10),
            [
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
    }
}
