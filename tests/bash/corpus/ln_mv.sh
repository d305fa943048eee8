# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# mv moves the link itself, never what it points to
mv t/sublink sl; echo rc=$?
mv t/dang dg; echo rc=$?
mv t/flink u/fl; echo rc=$?
mv tl tl2; echo rc=$?
mkdir m; mv t/loop t/out m; echo rc=$?
mv u u2; echo rc=$?
find . -maxdepth 3 \( -path './t*' -o -path './u*' -o -path './m*' -o -name sl -o -name dg -o -name ul \) -printf '%y %p %l\n' | sort
cat u2/xl ul/xl 2>&1; echo rc=$?
