echo "tab:	end"; echo 'a\nb'; echo "\$HOME"
