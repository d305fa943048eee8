mkdir z; touch z/b z/a z/c; ls z; ls -r z
