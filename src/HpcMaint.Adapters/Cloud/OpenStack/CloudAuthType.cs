namespace HpcMaint.Adapters.Cloud.OpenStack;

/// <summary>The clouds.yaml <c>auth_type</c> values this client speaks to Keystone v3.</summary>
public enum CloudAuthType
{
    /// <summary><c>password</c> (the default): user and project by name or id.</summary>
    Password,

    /// <summary><c>v3applicationcredential</c>: an application credential by id, or by name with its user.</summary>
    ApplicationCredential,
}
