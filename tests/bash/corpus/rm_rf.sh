rm -rf a build; ls
