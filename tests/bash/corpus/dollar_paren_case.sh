v=$(case x in x) echo matched;; esac); echo $v
