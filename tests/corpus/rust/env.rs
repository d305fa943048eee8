// Environment and arguments: the CORPUS_* variables (sorted), a missing one, args, exit code.
fn main() {
    let mut vars: Vec<(String, String)> = std::env::vars().filter(|(k, _)| k.starts_with("CORPUS_")).collect();
    vars.sort();
    for (k, v) in &vars { println!("{}={} ({} chars)", k, v, v.chars().count()); }
    println!("missing: {:?}", std::env::var("CORPUS_NOT_SET").is_err());
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args {:?}", args);
    let n: i32 = args.iter().filter_map(|a| a.parse::<i32>().ok()).sum();
    println!("sum {}", n);
    std::process::exit(if n > 100 { 3 } else { 0 });
}
