v=b
case $v in
  a)
    echo A
    ;;
  b)
    echo B
    ;;
esac
