echo $'tab\there' $'nl:\x41'
