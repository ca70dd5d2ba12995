from docsift.cli import main

main()
