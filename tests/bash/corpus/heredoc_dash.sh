if true; then
	cat <<-END
	indented
	END
fi
