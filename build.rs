//! Writes the stylesheet the widget compiles in (`www/kassa.css`, minified) to `OUT_DIR`.

#[path = "src/css_min.rs"]
mod css_min;

fn main() {
    println!("cargo:rerun-if-changed=www/kassa.css");
    println!("cargo:rerun-if-changed=src/css_min.rs");
    let css = std::fs::read_to_string("www/kassa.css").expect("www/kassa.css is part of the crate");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{out}/kassa.css"), css_min::minify(&css)).expect("OUT_DIR is writable");
}
