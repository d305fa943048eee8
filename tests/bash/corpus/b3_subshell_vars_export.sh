export A=1; (export A=2; echo $A); echo $A
