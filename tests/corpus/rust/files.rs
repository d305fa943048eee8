// Files: create, write, append, read back, list a directory (sorted), rename, metadata, remove.
// argv[1] is the directory to work in (a preopen under WASI).
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: files DIR");
    let d = Path::new(&dir);
    let p = d.join("notes.txt");
    {
        let mut f = fs::File::create(&p)?;
        for i in 1..=5 { writeln!(f, "line {} of {}", i, 5)?; }
    }
    let mut f = fs::OpenOptions::new().append(true).open(&p)?;
    f.write_all(b"appended\n")?;
    drop(f);
    let text = fs::read_to_string(&p)?;
    println!("{} bytes, {} lines, last {:?}", text.len(), text.lines().count(), text.lines().last());
    let r = BufReader::new(fs::File::open(&p)?);
    let longest = r.lines().map(|l| l.unwrap()).max_by_key(|l| l.len()).unwrap();
    println!("longest {}", longest);
    fs::create_dir_all(d.join("sub/deeper"))?;
    fs::write(d.join("sub/a.bin"), (0u8..=255).collect::<Vec<_>>())?;
    fs::rename(d.join("sub/a.bin"), d.join("sub/deeper/b.bin"))?;
    let meta = fs::metadata(d.join("sub/deeper/b.bin"))?;
    println!("b.bin {} bytes, file {}", meta.len(), meta.is_file());
    let mut names: Vec<String> = fs::read_dir(d)?.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    println!("dir {:?}", names);
    match fs::read_to_string(d.join("missing.txt")) { Ok(_) => println!("missing exists?"), Err(e) => println!("missing: {:?}", e.kind()) }
    fs::remove_file(d.join("sub/deeper/b.bin"))?;
    fs::remove_dir(d.join("sub/deeper"))?;
    println!("exists after remove {}", d.join("sub/deeper").exists());
    Ok(())
}
