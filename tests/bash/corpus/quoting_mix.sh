echo 'single $HOME' "double \$x" \$escaped "a\"b" 'it'\''s'
