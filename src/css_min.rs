//! The stylesheet as the wasm carries it: comments and the whitespace CSS does not need
//! taken out (−0.5 KB brotli of the first render, README "Size"). Run by `build.rs`;
//! compiled into the library only for its tests.
//!
//! Conservative on purpose: strings are kept as written, a space is dropped only beside
//! `{ } ; , >` and after `:` (before a `:` it may be a descendant combinator, as in
//! `.a :focus`), and the last `;` of a block goes. Nothing is renamed or merged.

/// `css` without comments and droppable whitespace.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        out.extend(chars.next());
                    } else if s == c {
                        break;
                    }
                }
            }
            '}' => {
                space = false;
                if out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes the pending space before `next` unless CSS does not need it there.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    let droppable = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    if std::mem::take(space) {
        match out.chars().last() {
            None => {}
            Some(prev) if droppable(prev) || prev == ':' || droppable(next) => {}
            Some(_) => out.push(' '),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn drops_comments_and_spaces_css_does_not_need() {
        let css = "/* a */\n.a > .b,\n.c {\n  color: red;\n  margin: 0 auto;\n}\n\n@media (max-width: 30rem) { .a { gap: 1px } }\n";
        assert_eq!(minify(css), ".a>.b,.c{color:red;margin:0 auto}@media (max-width:30rem){.a{gap:1px}}");
    }

    #[test]
    fn keeps_descendant_combinators_strings_and_calc() {
        assert_eq!(minify(".a :focus { x: 1 }"), ".a :focus{x:1}");
        assert_eq!(minify("li::before { content: \"✓ /* kept */ ; }\"; }"), "li::before{content:\"✓ /* kept */ ; }\"}");
        assert_eq!(minify("a { width: calc(100% - 2 * var(--s)); }"), "a{width:calc(100% - 2 * var(--s))}");
        assert_eq!(minify("a { content: 'it\\'s' }"), "a{content:'it\\'s'}");
    }

    #[test]
    fn the_widgets_stylesheet_keeps_every_rule() {
        let css = include_str!("../www/kassa.css");
        let min = minify(css);
        assert!(min.len() < css.len() * 9 / 10, "{} of {}", min.len(), css.len());
        // Every brace and selector survives: as many blocks, and each class still named.
        assert_eq!(min.matches('{').count(), css.matches('{').count() - comment_braces(css));
        for class in
            css.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.')).filter(|w| w.starts_with(".kassa-"))
        {
            assert!(min.contains(class), "{class} lost");
        }
    }

    /// Braces inside comments (prose about `* { all: unset }`), which minifying drops.
    fn comment_braces(css: &str) -> usize {
        css.split("/*").skip(1).map(|c| c.split("*/").next().unwrap_or("").matches('{').count()).sum()
    }
}
