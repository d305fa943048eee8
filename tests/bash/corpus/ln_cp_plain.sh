# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# without -r operands are followed
cp t/flink f1; echo rc=$?
cp t/dang f2; echo rc=$?
cp t/sublink d1; echo rc=$?
cp tl d2; echo rc=$?
cp u/xl f3; echo rc=$?
# -P and -d copy the link itself
cp -P t/flink f4; echo rc=$?
cp -d t/dang f5; echo rc=$?
cp -P t/sublink f6; echo rc=$?
# -L without -r is the default
cp -L u/xl f7; echo rc=$?
# the same file under two names
cp t/flink t/f; echo rc=$?
cat t/f
find . -maxdepth 1 -name 'f*' -printf '%y %p %l\n' | sort
find . -maxdepth 1 -name 'd*' -printf '%y %p %l\n' | sort
cat f1 f3 f7
