// Panics: a checked overflow turned into a None, Result errors, then a real panic (index out of bounds)
// after output that must be flushed; the program must end in failure with the panic message.
fn checked(a: i32, b: i32) -> Option<i32> { a.checked_mul(b) }
fn parse(s: &str) -> Result<u8, std::num::ParseIntError> { s.parse::<u8>() }
fn main() {
    println!("{:?} {:?}", checked(1 << 20, 1 << 10), checked(1 << 20, 1 << 12));
    for s in ["7", "300", "-1", "x"] { match parse(s) { Ok(v) => println!("{} ok {}", s, v), Err(e) => println!("{} err {}", s, e) } }
    let v: Vec<u32> = (0..10).collect();
    let idx = v.iter().sum::<u32>() as usize; // 45
    println!("about to index {} of {}", idx, v.len());
    let x = v[idx];
    println!("unreachable {}", x);
}
