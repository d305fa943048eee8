s=foobarfoo; echo ${s/#foo/X} ${s/%foo/Y}
