from sleepmin.cli import main

main()
