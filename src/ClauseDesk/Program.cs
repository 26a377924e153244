using ClauseDesk.Cli;

return ClauseDeskCli.Run(args);
