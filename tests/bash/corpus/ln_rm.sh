# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# rm -r never follows: a linked directory survives its link
rm t/sublink; echo rc=$?
rm -r ul; echo rc=$?
rm t/dang; echo rc=$?
rm -r t; echo rc=$?
ls u u/in
rm -rf tl; echo rc=$?
ls -d t tl 2>&1; echo rc=$?
mkdir -p w/x; ln -s ../../u w/x/up; ln -s .. w/x/loop; rm -rf w; echo rc=$?
ls u u/in docs | head -5
