printf 'plain\n'; printf '%s-%s\n' only
