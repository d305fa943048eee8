# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# other utilities read through links to files and refuse directories alike
wc -c t/flink u/xl; echo rc=$?
cat t/flink u/inl/x; echo rc=$?
head -1 tl/f; tail -1 ul/xl
cat t/dang; echo rc=$?
[ -L t/dang ] && echo dang-is-link; [ -e t/dang ] || echo dang-missing
[ -d t/sublink ] && [ -h t/sublink ] && echo dirlink
readlink t/loop t/out tl; echo rc=$?
md5sum t/flink | cut -c1-8; sort t/flink u/xl
diff t/f t/flink; echo rc=$?
