//! Writes the sentence table of every language but English as `{dir}/{code}.json`, a flat
//! object of key → sentence (`"pay"`, `"months.many"`): the files the widget fetches for
//! the buyer's language (`scripts/build.sh` runs this into `pkg/lang/`).
//! Usage: `cargo run -p kassa-core --features bundled-langs --example lang_tables -- DIR`

use std::path::PathBuf;

use kassa_core::i18n::{texts, Lang};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: lang_tables DIR")?);
    std::fs::create_dir_all(&dir)?;
    for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
        let table: serde_json::Map<String, serde_json::Value> =
            texts(lang).entries().into_iter().map(|(key, text)| (key, text.into())).collect();
        std::fs::write(dir.join(format!("{}.json", lang.code())), serde_json::to_string(&table)?)?;
    }
    Ok(())
}
