mkdir -p proj/{src,test,doc} && ls proj
