namespace SecureApi.Toolkit.Hashing.Admission;

internal enum AdmissionOutcome
{
    Granted = 0,
    QueueFull = 1,
    QueueTimeout = 2,
}
