mv a z; ls; ls -R z
