printf '' | xargs echo none; printf '' | xargs -r echo none; echo end
