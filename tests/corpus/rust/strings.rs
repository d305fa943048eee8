// Strings: UTF-8, chars vs bytes, split/join, replace, parse, case, char_indices, String growth.
fn caesar(s: &str, k: u8) -> String {
    s.chars().map(|c| if c.is_ascii_lowercase() { (((c as u8 - b'a' + k) % 26) + b'a') as char } else { c }).collect()
}
fn main() {
    let s = "Grüße, Jürgen! Ünïcödé 🦀 crab";
    println!("bytes {} chars {} upper {}", s.len(), s.chars().count(), s.to_uppercase());
    let words: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    println!("{:?}", words);
    println!("{}", words.iter().rev().cloned().collect::<Vec<_>>().join("|"));
    for (i, c) in s.char_indices().filter(|(_, c)| !c.is_ascii()).take(5) { print!("{}:{} ", i, c); }
    println!();
    let nums = "12, -7, 3.5, x, 40";
    let parsed: Vec<Result<i32, _>> = nums.split(", ").map(|t| t.parse::<i32>()).collect();
    let ok: i32 = parsed.iter().filter_map(|r| r.as_ref().ok()).sum();
    println!("sum of ints {} errors {}", ok, parsed.iter().filter(|r| r.is_err()).count());
    let mut big = String::new();
    for i in 0..2000 { big.push_str(&i.to_string()); big.push(if i % 10 == 9 { '\n' } else { ' ' }); }
    println!("big {} lines {} sevens {}", big.len(), big.lines().count(), big.matches('7').count());
    println!("{}", caesar("the quick brown fox", 13));
    println!("{}", "a-b_c d".replace(|c: char| !c.is_alphanumeric(), "+"));
    let pal = "A man, a plan, a canal: Panama";
    let clean: String = pal.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    println!("palindrome {}", clean == clean.chars().rev().collect::<String>());
    println!("{:?} {:?}", "  trim me \t".trim(), "key=value=x".split_once('='));
}
