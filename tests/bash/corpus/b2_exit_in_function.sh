f() { echo in-f; exit 5; }; f; echo never
