pushd src > /dev/null; ls; popd > /dev/null; ls -d src
