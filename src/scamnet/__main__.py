from scamnet.cli.app import main

main()
