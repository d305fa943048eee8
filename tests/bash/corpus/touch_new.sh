touch new1 new2; ls new*
