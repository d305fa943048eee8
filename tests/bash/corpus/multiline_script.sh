cd src
for f in *.c; do
  n=$(grep -c '' "$f")
  echo "$f $n"
done
cd ..
ls src/lib
