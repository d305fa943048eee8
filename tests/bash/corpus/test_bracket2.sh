f=main.c; if [[ $f == *.c ]]; then echo c-file; fi; [[ -f src/$f && ! -d src/$f ]] && echo ok
