mkdir dest; cp -r src dest/; find dest | sort
