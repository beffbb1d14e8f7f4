fn main() {
    let dir = std::env::args().nth(1).unwrap_or("specs".into());
    match connectspec_spec::load_dir(std::path::Path::new(&dir)) {
        Ok(c) => println!("ok: {} specs", c.specs.len()),
        Err(d) => { eprintln!("{d}"); std::process::exit(1) }
    }
}
