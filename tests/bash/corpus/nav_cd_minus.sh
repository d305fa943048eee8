cd docs; cd ../data; cd - >/dev/null; ls
