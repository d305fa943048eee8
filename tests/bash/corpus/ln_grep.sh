# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# -r: command-line links are followed, links met in the tree are not
grep -r zz t | sort; grep -rq zz t; echo rc=$?
grep -r zz tl | sort
grep -r zz u ul | sort
grep -rl zz . | sort
# -R follows all links (GNU); a loop is reported and left
grep -R zz u | sort
grep -R zz ul | sort
grep -Rc zz u | sort
grep -R zzin . 2>/dev/null | sort
grep -R zzsub t 2>/dev/null | sort
grep zz t/flink t/dang; echo rc=$?
