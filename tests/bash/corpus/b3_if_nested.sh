for n in 1 5 12; do if [ $n -gt 3 ]; then if [ $n -gt 10 ]; then echo big; else echo mid; fi; else echo small; fi; done
