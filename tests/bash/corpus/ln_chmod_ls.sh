# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# chmod -R does not follow links met in the tree; operands are followed
chmod -R 755 t; echo rc=$?
chmod -R u+w u ul; echo rc=$?
chmod 644 t/flink; echo rc=$?
chmod 644 t/dang; echo rc=$?
# ls -R lists links, never descends into them; a link operand is followed
ls -R t; echo rc=$?
ls -R tl; echo rc=$?
ls -R u; echo rc=$?
ls -F t; echo rc=$?
ls -d tl ul t/sublink; echo rc=$?
ls -RA . | grep -c zz; ls -R . | wc -l
